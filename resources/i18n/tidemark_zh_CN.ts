<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BreadthPanel</name>
    <message>
        <source>Breadth</source>
        <translation>市场宽度</translation>
    </message>
    <message>
        <source>Contributions</source>
        <translation>贡献</translation>
    </message>
    <message>
        <source>Session lines</source>
        <translation>分时走势</translation>
    </message>
</context>
<context>
    <name>BriefBullet</name>
    <message>
        <source>Click to show this index</source>
        <translation>点击查看该指数</translation>
    </message>
    <message>
        <source>Click to show this sector</source>
        <translation>点击查看该板块</translation>
    </message>
    <message>
        <source>Click to show this stock&apos;s intraday chart</source>
        <translation>点击查看该股分时</translation>
    </message>
</context>
<context>
    <name>BriefExport</name>
    <message>
        <source>Source: Tidemark store {0} · session {1} · minute {2} · written from the data by templates</source>
        <translation>来源：Tidemark 数据库 {0} · 交易日 {1} · 时点 {2} · 按模板由数据生成</translation>
    </message>
</context>
<context>
    <name>BriefPanel</name>
    <message>
        <source>中</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>Write the brief in Chinese</source>
        <translation>用中文写要点</translation>
    </message>
    <message>
        <source>EN</source>
        <translation>EN</translation>
    </message>
    <message>
        <source>Write the brief in English</source>
        <translation>用英文写要点</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy as Markdown</source>
        <translation>复制为 Markdown</translation>
    </message>
    <message>
        <source>No data yet: open a session to see its brief</source>
        <translation>尚无数据：打开一个交易日后显示要点</translation>
    </message>
    <message>
        <source>Not enough data at this minute to write a brief</source>
        <translation>此时点的数据不足以写出要点</translation>
    </message>
</context>
<context>
    <name>ChartStack</name>
    <message>
        <source>Intraday</source>
        <translation>分时</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>日K</translation>
    </message>
    <message>
        <source>Switch intraday / daily K-line (F5)</source>
        <translation>分时 / 日K 切换（F5）</translation>
    </message>
    <message>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Overlay several indices on the intraday chart</source>
        <translation>在分时图上叠加多个指数</translation>
    </message>
</context>
<context>
    <name>ConcentrationChart</name>
    <message>
        <source>No index member data</source>
        <translation>无指数成分数据</translation>
    </message>
    <message>
        <source>Index contributions</source>
        <translation>指数贡献</translation>
    </message>
    <message>
        <source>Members equal-weighted {0}</source>
        <translation>成分股等权 {0}</translation>
    </message>
    <message>
        <source>Median {0}</source>
        <translation>中位数 {0}</translation>
    </message>
    <message>
        <source>Market median {0}</source>
        <translation>全市场中位数 {0}</translation>
    </message>
    <message>
        <source>{0} pts</source>
        <translation>{0} 点</translation>
    </message>
    <message>
        <source>Top {0} contributors {1} pts</source>
        <translation>前{0}大贡献 {1} 点</translation>
    </message>
    <message>
        <source> ({0:.0f}% of it)</source>
        <translation>（占 {0:.0f}%）</translation>
    </message>
    <message>
        <source>Members {0} up / {1} down</source>
        <translation>成分股 {0} 涨 / {1} 跌</translation>
    </message>
    <message>
        <source>Spread {0}</source>
        <translation>偏离 {0}</translation>
    </message>
</context>
<context>
    <name>CountsBar</name>
    <message>
        <source>Up</source>
        <translation>上涨</translation>
    </message>
    <message>
        <source>Down</source>
        <translation>下跌</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>平盘</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>停牌</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>{0} stocks</source>
        <translation>共 {0} 只</translation>
    </message>
</context>
<context>
    <name>DistributionChart</name>
    <message>
        <source>Distribution of changes</source>
        <translation>涨跌分布</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Flat</source>
        <translation>平</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
</context>
<context>
    <name>ExportActions</name>
    <message>
        <source>Export image</source>
        <translation>导出图片</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Export chart…</source>
        <translation>导出图表…</translation>
    </message>
    <message>
        <source>Export window…</source>
        <translation>导出窗口…</translation>
    </message>
    <message>
        <source>Copy chart image</source>
        <translation>复制图表图片</translation>
    </message>
</context>
<context>
    <name>Gaps</name>
    <message>
        <source>no collector running</source>
        <translation>未运行采集</translation>
    </message>
    <message>
        <source>the feed failed</source>
        <translation>行情源请求失败</translation>
    </message>
    <message>
        <source>the feed&apos;s data was unusable</source>
        <translation>行情数据无法使用</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>   not recorded: {0} ({1})</source>
        <translation>   未记录：{0}（{1}）</translation>
    </message>
    <message>
        <source>   not recorded: {0} minutes in {1} gaps, first {2} ({3})</source>
        <translation>   未记录：共 {0} 分钟、{1} 段，首段 {2}（{3}）</translation>
    </message>
    <message>
        <source>{0}: {1} minute(s) not recorded, {2}</source>
        <translation>{0}：{1} 分钟未记录，{2}</translation>
    </message>
</context>
<context>
    <name>IndexStrip</name>
    <message>
        <source>Turnover at {0}</source>
        <translation>成交额 {0}</translation>
    </message>
    <message>
        <source>vs prior session {0} ({1})</source>
        <translation>较上一交易日 {0}（{1}）</translation>
    </message>
    <message>
        <source>Up / down (of {0})</source>
        <translation>上涨 / 下跌（共 {0}）</translation>
    </message>
    <message>
        <source>Flat {0}  suspended {1}</source>
        <translation>平盘 {0}  停牌 {1}</translation>
    </message>
    <message>
        <source>Limit-up / limit-down</source>
        <translation>涨停 / 跌停</translation>
    </message>
    <message>
        <source>Broken boards {0}</source>
        <translation>炸板 {0}</translation>
    </message>
    <message>
        <source>no turnover data</source>
        <translation>无成交额数据</translation>
    </message>
    <message>
        <source>no prior session</source>
        <translation>无上一交易日</translation>
    </message>
</context>
<context>
    <name>IntradayChart</name>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>Sealed</source>
        <translation>封板</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>Resealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>Avg</source>
        <translation>均</translation>
    </message>
</context>
<context>
    <name>IntradayReadout</name>
    <message>
        <source>Sealed</source>
        <translation>封板</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>Resealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>Intraday</source>
        <translation>分时</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价</translation>
    </message>
    <message>
        <source>Vol</source>
        <translation>量</translation>
    </message>
    <message>
        <source>{0} lots</source>
        <translation>{0}手</translation>
    </message>
    <message>
        <source>Amt</source>
        <translation>额</translation>
    </message>
</context>
<context>
    <name>KLineChart</name>
    <message>
        <source>Daily</source>
        <translation>日K</translation>
    </message>
    <message>
        <source>O</source>
        <translation>开</translation>
    </message>
    <message>
        <source>H</source>
        <translation>高</translation>
    </message>
    <message>
        <source>L</source>
        <translation>低</translation>
    </message>
    <message>
        <source>C</source>
        <translation>收</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>振幅</translation>
    </message>
    <message>
        <source>Vol</source>
        <translation>量</translation>
    </message>
    <message>
        <source>{0} lots</source>
        <translation>{0}手</translation>
    </message>
    <message>
        <source>Amt</source>
        <translation>额</translation>
    </message>
</context>
<context>
    <name>LimitLadderWidget</name>
    <message>
        <source>Seal rate = limit-up / (limit-up + broken), counted in stocks: of the stocks that touched the limit-up price today, the share still sealed.</source>
        <translation>封板率 = 涨停 / (涨停 + 炸板)，按股票数计：今日触及涨停价的股票中仍封住的比例。</translation>
    </message>
    <message>
        <source>No stock at limit-up</source>
        <translation>暂无涨停</translation>
    </message>
    <message>
        <source>First board</source>
        <translation>首板</translation>
    </message>
    <message>
        <source>{0}-day streak</source>
        <translation>{0}连板</translation>
    </message>
    <message>
        <source>{0} · highest</source>
        <translation>{0} · 最高板</translation>
    </message>
    <message>
        <source>One-word</source>
        <translation>一字</translation>
    </message>
    <message>
        <source>Resealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>{0} {1}  {2}
First sealed {3}; {4} consecutive limit-up(s).</source>
        <translation>{0} {1}  {2}
首次封板 {3}；连续涨停 {4} 次。</translation>
    </message>
    <message>
        <source>Limit-up &lt;b style=&apos;color:{up}&apos;&gt;{0}&lt;/b&gt;&amp;nbsp;&amp;nbsp;broken &lt;b style=&apos;color:#e8590c&apos;&gt;{1}&lt;/b&gt;&amp;nbsp;&amp;nbsp;seal rate &lt;b&gt;{2}&lt;/b&gt;&amp;nbsp;&amp;nbsp;limit-down &lt;b style=&apos;color:{down}&apos;&gt;{3}&lt;/b&gt;</source>
        <translation>涨停 &lt;b style=&apos;color:{up}&apos;&gt;{0}&lt;/b&gt;&amp;nbsp;&amp;nbsp;炸板 &lt;b style=&apos;color:#e8590c&apos;&gt;{1}&lt;/b&gt;&amp;nbsp;&amp;nbsp;封板率 &lt;b&gt;{2}&lt;/b&gt;&amp;nbsp;&amp;nbsp;跌停 &lt;b style=&apos;color:{down}&apos;&gt;{3}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>LimitListModel</name>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>State</source>
        <translation>涨跌停</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>涨幅%</translation>
    </message>
    <message>
        <source>First seal</source>
        <translation>首封时间</translation>
    </message>
    <message>
        <source>Last seal</source>
        <translation>最后封板</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>Streak</source>
        <translation>连板</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Seal amount</source>
        <translation>封单额</translation>
    </message>
    <message>
        <source>Limit state now: limit-up, one-word, re-sealed, broken or limit-down.</source>
        <translation>当前涨跌停状态：涨停、一字、回封、炸板或跌停。</translation>
    </message>
    <message>
        <source>First time at the limit price today.</source>
        <translation>今日首次到达涨跌停价的时间。</translation>
    </message>
    <message>
        <source>Last time the seal was made (after the last opening).</source>
        <translation>最后一次封板的时间（最后一次开板之后）。</translation>
    </message>
    <message>
        <source>How many times the seal opened today.</source>
        <translation>今日开板（炸板）次数。</translation>
    </message>
    <message>
        <source>Consecutive limit-up closes, today included.</source>
        <translation>连续涨停收盘天数（含今日）。</translation>
    </message>
    <message>
        <source>The board it trades under: its concept with the most limit-ups now, else its industry.</source>
        <translation>所属板块：当前涨停家数最多的概念，无概念时为行业。</translation>
    </message>
    <message>
        <source>Bid amount sealed at the limit price.</source>
        <translation>封在涨跌停价上的买单金额。</translation>
    </message>
    <message>
        <source>Seal amount needs order-book data; the store has none, so it is empty.</source>
        <translation>封单额需要盘口数据；本库没有，故留空。</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>One-word</source>
        <translation>一字</translation>
    </message>
    <message>
        <source>Re-sealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>{0} down in a row</source>
        <translation>{0}连跌停</translation>
    </message>
    <message>
        <source>First</source>
        <translation>首板</translation>
    </message>
    <message>
        <source>{0} in a row</source>
        <translation>{0}连板</translation>
    </message>
</context>
<context>
    <name>LimitListWidget</name>
    <message>
        <source>Limit-up {0} · broken {1} · limit-down {2}</source>
        <translation>涨停 {0} · 炸板 {1} · 跌停 {2}</translation>
    </message>
    <message>
        <source> · daily data only: no seal times</source>
        <translation> · 仅有日线数据，无封板时间</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tidemark — A-share session review</source>
        <translation>Tidemark — A股复盘</translation>
    </message>
    <message>
        <source>Sectors</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Limit list</source>
        <translation>涨停列表</translation>
    </message>
    <message>
        <source>Limit-up ladder</source>
        <translation>连板梯队</translation>
    </message>
    <message>
        <source>Breadth</source>
        <translation>市场宽度</translation>
    </message>
    <message>
        <source>Brief</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>Sentiment</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>Indices</source>
        <translation>指数</translation>
    </message>
</context>
<context>
    <name>OverlayChart</name>
    <message>
        <source>Overlay</source>
        <translation>叠加</translation>
    </message>
    <message>
        <source>Spread {0} pp</source>
        <translation>强弱差 {0} 个百分点</translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <source>Equal-weight</source>
        <translation>不含加权</translation>
    </message>
    <message>
        <source>Indices overlaid (%)</source>
        <translation>指数叠加（%）</translation>
    </message>
</context>
<context>
    <name>ProportionBar</name>
    <message>
        <source>Up {0} / flat {1} / down {2}</source>
        <translation>上涨 {0} / 平盘 {1} / 下跌 {2}</translation>
    </message>
</context>
<context>
    <name>SectorTreeCells</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Code / members</source>
        <translation>代码/家数</translation>
    </message>
    <message>
        <source>Change %</source>
        <translation>涨幅%</translation>
    </message>
    <message>
        <source>Mean % / last</source>
        <translation>均涨%/现价</translation>
    </message>
    <message>
        <source>Up/down</source>
        <translation>涨跌</translation>
    </message>
    <message>
        <source>Limit-up/down</source>
        <translation>涨停/跌停</translation>
    </message>
    <message>
        <source>Turnover (100m)</source>
        <translation>成交额(亿)</translation>
    </message>
    <message>
        <source>Streak</source>
        <translation>连板</translation>
    </message>
    <message>
        <source>Turnover rate</source>
        <translation>换手</translation>
    </message>
    <message>
        <source>Vol. ratio</source>
        <translation>量比</translation>
    </message>
    <message>
        <source>First seal</source>
        <translation>首封</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领涨股</translation>
    </message>
    <message>
        <source>Sector or stock name.</source>
        <translation>板块或股票名称。</translation>
    </message>
    <message>
        <source>Sector: number of member stocks. Stock: six-digit code.</source>
        <translation>板块：成分股家数。股票：六位代码。</translation>
    </message>
    <message>
        <source>Sector: float-cap-weighted % change of its trading members. Stock: % change.</source>
        <translation>板块：交易中成分股按流通市值加权的涨跌幅。股票：涨跌幅。</translation>
    </message>
    <message>
        <source>Sector: equal-weighted (mean) % change. Stock: last price.</source>
        <translation>板块：等权（平均）涨跌幅。股票：现价。</translation>
    </message>
    <message>
        <source>Sector: members up / down. Stock: change in yuan.</source>
        <translation>板块：上涨 / 下跌家数。股票：涨跌额（元）。</translation>
    </message>
    <message>
        <source>Sector: members at limit-up / limit-down. Stock: its limit state.</source>
        <translation>板块：涨停 / 跌停家数。股票：涨跌停状态。</translation>
    </message>
    <message>
        <source>Turnover so far today, in 100 million yuan.</source>
        <translation>今日截至此时的成交额，单位亿元。</translation>
    </message>
    <message>
        <source>Turnover rate: the shares traded so far today as a percentage of the float shares; for a sector, its members&apos; sums (members without float shares left out).</source>
        <translation>换手率：今日累计成交量占流通股本的百分比；板块为成分股成交量之和占流通股本之和（无流通股本的成分股不计）。</translation>
    </message>
    <message>
        <source>Volume ratio: the volume per minute traded so far today over the average volume per minute of the previous 5 sessions (daily volume ÷ 240); for a sector, its members&apos; sums (members without earlier bars left out). The 09:30 opening auction counts as the first minute.</source>
        <translation>量比：今日开盘以来每分钟平均成交量与前 5 个交易日每分钟平均成交量（日成交量 ÷ 240）之比；板块按成分股之和计算（无历史日线的成分股不计）。09:30 的开盘集合竞价计为第一分钟。</translation>
    </message>
    <message>
        <source>Consecutive limit-up closes; for a sector, its highest.</source>
        <translation>连续涨停收盘天数（连板）；板块取其最高。</translation>
    </message>
    <message>
        <source>Time the stock first sealed at limit-up today.</source>
        <translation>今日首次封涨停的时间（首次封板时间）。</translation>
    </message>
    <message>
        <source>Sector: the member with the highest % change.</source>
        <translation>板块：涨幅最大的成分股。</translation>
    </message>
    <message>
        <source>Industries</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>Concepts</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>停牌</translation>
    </message>
    <message>
        <source>No float shares in this store, so no cap-weighted change; see Mean %.</source>
        <translation>本库没有流通股本，无法计算流通市值加权涨幅，请看均涨%。</translation>
    </message>
    <message>
        <source>Leader: {0} {1} {2}</source>
        <translation>领涨：{0} {1} {2}</translation>
    </message>
    <message>
        <source>Highest streak among the members: {0}.</source>
        <translation>最高板：成分股中最长的连板为 {0}。</translation>
    </message>
    <message>
        <source>{0}: {1} stocks, {2} up / {3} down; limit-up {4}, limit-down {5}, broken {6}; cap-weighted {7}, equal-weighted {8}; turnover {9}</source>
        <translation>{0}：{1} 只，{2} 涨 / {3} 跌；涨停 {4}，跌停 {5}，炸板 {6}；市值加权 {7}，等权 {8}；成交额 {9}</translation>
    </message>
    <message>
        <source>No member has float shares and volume in the store, so the board has no turnover rate.</source>
        <translation>数据库中没有成分股同时具备流通股本和成交量，无法计算板块换手率。</translation>
    </message>
    <message>
        <source>Turnover rate {0}: {1} shares traded of {2} float shares, summed over {3} of its {4} members (those with float shares, not suspended).</source>
        <translation>换手率 {0}：成交 {1} 股 / 流通股本 {2} 股，合计其 {4} 只成分股中的 {3} 只（有流通股本且未停牌者）。</translation>
    </message>
    <message>
        <source>No member has earlier daily bars with volume in the store, so the board has no volume ratio.</source>
        <translation>数据库中没有成分股具备有成交量的历史日线，无法计算板块量比。</translation>
    </message>
    <message>
        <source>Volume ratio {0} = ({1} shares ÷ {2} minute(s)) ÷ ({3} shares, the members&apos; average day of the previous sessions, ÷ 240), summed over {4} of its {5} members (those with earlier bars, not suspended).</source>
        <translation>量比 {0} =（{1} 股 ÷ {2} 分钟）÷（成分股前几个交易日日均成交 {3} 股 ÷ 240），合计其 {5} 只成分股中的 {4} 只（有历史日线且未停牌者）。</translation>
    </message>
    <message>
        <source>Suspended: no trades today.</source>
        <translation>停牌：今日无成交。</translation>
    </message>
    <message>
        <source>No volume for this stock in the store.</source>
        <translation>数据库中没有该股的成交量。</translation>
    </message>
    <message>
        <source>No float shares in the store, so no turnover rate.</source>
        <translation>数据库中没有流通股本，无法计算换手率。</translation>
    </message>
    <message>
        <source>No earlier daily bars with volume in the store, so no volume ratio (it compares with the previous 5 sessions).</source>
        <translation>数据库中没有此前有成交量的日线，无法计算量比（量比与前 5 个交易日相比）。</translation>
    </message>
    <message>
        <source>Turnover rate {0}: {1} shares traded of {2} float shares.</source>
        <translation>换手率 {0}：成交 {1} 股，流通股本 {2} 股。</translation>
    </message>
    <message>
        <source>Volume ratio {0} = ({1} shares ÷ {2} minute(s)) ÷ ({3} shares, the average day of the previous {4} session(s), ÷ 240).</source>
        <translation>量比 {0} =（{1} 股 ÷ {2} 分钟）÷（前 {4} 个交易日日均成交 {3} 股 ÷ 240）。</translation>
    </message>
    <message>
        <source>Only {0} earlier session(s) with volume in the store: the average uses what there is (the terminals use 5).</source>
        <translation>数据库中此前只有 {0} 个有成交量的交易日：均量按现有天数计算（行情软件用 5 日）。</translation>
    </message>
    <message>
        <source>One-word</source>
        <translation>一字</translation>
    </message>
    <message>
        <source>Resealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>{0}-day</source>
        <translation>{0}连板</translation>
    </message>
    <message>
        <source>Limit-up (sealed): the last price equals today&apos;s limit-up price.</source>
        <translation>涨停（封板）：现价等于今日涨停价。</translation>
    </message>
    <message>
        <source>One-word board: opened at the limit-up price and has traded nowhere else today (O = H = L = last).</source>
        <translation>一字板：以涨停价开盘且今日未在其他价位成交（开 = 高 = 低 = 现价）。</translation>
    </message>
    <message>
        <source>Resealed: the seal opened {0} time(s) today and the price is back at the limit-up price.</source>
        <translation>回封：今日开板 {0} 次，现价重回涨停价。</translation>
    </message>
    <message>
        <source>Broken board: touched the limit-up price today but now trades below it.</source>
        <translation>炸板：今日触及涨停价，但现价低于涨停价。</translation>
    </message>
    <message>
        <source>Limit-down: the last price equals today&apos;s limit-down price.</source>
        <translation>跌停：现价等于今日跌停价。</translation>
    </message>
    <message>
        <source>{0} consecutive trading days at the limit-down price, today included.</source>
        <translation>连续 {0} 个交易日跌停（连续跌停），含今日。</translation>
    </message>
    <message>
        <source>First at limit-down at {0}.</source>
        <translation>首次跌停 {0}。</translation>
    </message>
    <message>
        <source>{0}-day streak: {0} consecutive trading days closed at the limit-up price, today included.</source>
        <translation>{0}连板：连续 {0} 个交易日以涨停价收盘，含今日。</translation>
    </message>
    <message>
        <source>First sealed at the opening auction (09:25).</source>
        <translation>集合竞价（09:25）即封板。</translation>
    </message>
    <message>
        <source>First sealed at {0}.</source>
        <translation>首次封板 {0}。</translation>
    </message>
</context>
<context>
    <name>SectorTreeWidget</name>
    <message>
        <source>Show every sector and stock.</source>
        <translation>显示所有板块和股票。</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸板</translation>
    </message>
    <message>
        <source>Code / name / pinyin initials</source>
        <translation>代码/名称/拼音首字母</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>无匹配</translation>
    </message>
    <message>
        <source>Only stocks at the limit-up price (sealed or one-word) and their sectors.</source>
        <translation>只显示处于涨停价的股票（封板或一字）及其板块。</translation>
    </message>
    <message>
        <source>Only stocks at the limit-down price.</source>
        <translation>只显示处于跌停价的股票。</translation>
    </message>
    <message>
        <source>Only broken boards: touched limit-up today but trading below it now.</source>
        <translation>只显示炸板：今日触及涨停但现在低于涨停价。</translation>
    </message>
    <message>
        <source>Type a code, a name or pinyin initials; Enter jumps to the next match.</source>
        <translation>输入代码、名称或拼音首字母；回车跳到下一个匹配。</translation>
    </message>
</context>
<context>
    <name>SentimentBoards</name>
    <message>
        <source>Board</source>
        <translation>板块</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Streaks</source>
        <translation>连板</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>最高</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>Chg</source>
        <translation>涨幅</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>龙头</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Limit-ups</source>
        <translation>涨停数</translation>
    </message>
    <message>
        <source>Streak count</source>
        <translation>连板数</translation>
    </message>
    <message>
        <source>Highest streak</source>
        <translation>最高板</translation>
    </message>
    <message>
        <source>Days running</source>
        <translation>持续天数</translation>
    </message>
    <message>
        <source>Chg %</source>
        <translation>涨幅%</translation>
    </message>
    <message>
        <source>Score = {0}
Days running: consecutive sessions with a limit-up in the board; leader: highest streak, then earliest first seal.</source>
        <translation>得分 = {0}
持续天数：板块内连续有涨停的交易日数；龙头：连板最高者，其次首封最早者。</translation>
    </message>
    <message>
        <source>concept</source>
        <translation>概念</translation>
    </message>
    <message>
        <source>industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <source>{0} {1}-day</source>
        <translation>{0} {1}板</translation>
    </message>
</context>
<context>
    <name>SentimentDock</name>
    <message>
        <source>computing the sentiment of {0} {1}…</source>
        <translation>正在计算 {0} {1} 的情绪…</translation>
    </message>
    <message>
        <source>no session loaded</source>
        <translation>未载入交易日</translation>
    </message>
    <message>
        <source>Streak ladder</source>
        <translation>连板天梯</translation>
    </message>
</context>
<context>
    <name>SentimentGauge</name>
    <message>
        <source>Limit-ups</source>
        <translation>涨停数</translation>
    </message>
    <message>
        <source>Limit-downs</source>
        <translation>跌停数</translation>
    </message>
    <message>
        <source>Highest streak</source>
        <translation>最高板</translation>
    </message>
    <message>
        <source>Break rate</source>
        <translation>炸板率</translation>
    </message>
    <message>
        <source>Promotion rate</source>
        <translation>晋级率</translation>
    </message>
    <message>
        <source>Yday limit-up premium</source>
        <translation>昨涨停溢价</translation>
    </message>
    <message>
        <source>Turnover change</source>
        <translation>成交额变化</translation>
    </message>
    <message>
        <source>Freezing</source>
        <translation>冰点</translation>
    </message>
    <message>
        <source>Repair</source>
        <translation>修复</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>发酵</translation>
    </message>
    <message>
        <source>Climax</source>
        <translation>高潮</translation>
    </message>
    <message>
        <source>Ebbing</source>
        <translation>退潮</translation>
    </message>
    <message>
        <source>Level = mean heat of the components (each a percentile of this store&apos;s own history; limit-downs and break rate inverted).
Freezing: level &lt; {0}
Ebbing: previous level ≥ {1} and today ≥ {2} points lower
Repair: level &lt; {3}
Building: level &lt; {4}
Climax: level ≥ {4}</source>
        <translation>情绪值 = 各分项热度的平均（每项为本数据库自身历史中的百分位；跌停数和炸板率取反）。
冰点：情绪值 &lt; {0}
退潮：前值 ≥ {1} 且今日低 ≥ {2} 点
修复：情绪值 &lt; {3}
发酵：情绪值 &lt; {4}
高潮：情绪值 ≥ {4}</translation>
    </message>
    <message>
        <source>Sentiment &lt;b&gt;{0}&lt;/b&gt;/100 &amp;nbsp;&lt;span style=&apos;color:{1}&apos;&gt;{2}&lt;/span&gt; &lt;span style=&apos;color:{3}&apos;&gt;(prev {4})&lt;/span&gt;</source>
        <translation>情绪 &lt;b&gt;{0}&lt;/b&gt;/100 &amp;nbsp;&lt;span style=&apos;color:{1}&apos;&gt;{2}&lt;/span&gt; &lt;span style=&apos;color:{3}&apos;&gt;（前 {4}）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>日线</translation>
    </message>
    <message>
        <source>intraday</source>
        <translation>分时</translation>
    </message>
    <message>
        <source>higher is hotter</source>
        <translation>越高越热</translation>
    </message>
    <message>
        <source>higher is colder (inverted)</source>
        <translation>越高越冷（取反）</translation>
    </message>
    <message>
        <source>{0}: {1}
percentile {2} of {3} past sessions; heat {4}
{5}</source>
        <translation>{0}：{1}
在过去 {3} 个交易日中位于百分位 {2}；热度 {4}
{5}</translation>
    </message>
</context>
<context>
    <name>SentimentLadder</name>
    <message>
        <source>One-word</source>
        <translation>一字</translation>
    </message>
    <message>
        <source>T-board</source>
        <translation>T字</translation>
    </message>
    <message>
        <source>Resealed</source>
        <translation>回封</translation>
    </message>
    <message>
        <source>High-turnover</source>
        <translation>换手</translation>
    </message>
    <message>
        <source>First board</source>
        <translation>首板</translation>
    </message>
    <message>
        <source>{0}-day</source>
        <translation>{0}板</translation>
    </message>
    <message>
        <source>{0} · highest</source>
        <translation>{0}·最高板</translation>
    </message>
    <message>
        <source> failed {0}</source>
        <translation> 断{0}</translation>
    </message>
    <message>
        <source> pending {0}</source>
        <translation> 待{0}</translation>
    </message>
    <message>
        <source>Streak ladder  limit-up {0} · highest {1}-day · failed {2} (struck out)</source>
        <translation>连板天梯  涨停 {0} · 最高 {1} 板 · 断板 {2}（划线）</translation>
    </message>
    <message>
        <source> · pending {0}</source>
        <translation> · 待晋级 {0}</translation>
    </message>
    <message>
        <source>{0} {1}: {2}-day streak yesterday, not at limit-up yet at this minute; {3}</source>
        <translation>{0} {1}：昨日{2}板，此时尚未涨停；{3}</translation>
    </message>
    <message>
        <source>Broken</source>
        <translation>炸</translation>
    </message>
    <message>
        <source>broken board (reached limit-up, not there now)</source>
        <translation>炸板（触及涨停，现已打开）</translation>
    </message>
    <message>
        <source>has not reached limit-up today</source>
        <translation>未触板（今日未触及涨停）</translation>
    </message>
    <message>
        <source>{0} {1}: {2}-day streak yesterday, failed today — {3}; {4}</source>
        <translation>{0} {1}：昨日{2}板，今日断板 — {3}；{4}</translation>
    </message>
    <message>
        <source>{0} {1}: {2}-day streak, first sealed {3}, {4}; {5}</source>
        <translation>{0} {1}：{2}板，首封 {3}，{4}；{5}</translation>
    </message>
</context>
<context>
    <name>SentimentLines</name>
    <message>
        <source>A/D line = cumulative advancers − decliners; McClellan = EMA19 − EMA39 of 1000×(adv−dec)/(adv+dec); above MA = % of trading stocks closing above their n-day average; highs − lows = stocks at a new n-day closing high minus those at a new low.</source>
        <translation>腾落线 = 累计上涨家数 − 下跌家数；麦克连 = 1000×(涨−跌)/(涨+跌) 的 EMA19 − EMA39；站上MA = 收盘高于 n 日均线的交易中股票占比；新高−新低 = 创 n 日收盘新高的股票数减去创新低的股票数。</translation>
    </message>
    <message>
        <source>Seal rate &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt; · break rate &lt;b&gt;{2}&lt;/b&gt; (limit-up {3} / touched {4} / broken {5})</source>
        <translation>封板率 &lt;b style=&apos;color:{0}&apos;&gt;{1}&lt;/b&gt; · 炸板率 &lt;b&gt;{2}&lt;/b&gt;（涨停 {3} / 触板 {4} / 炸板 {5}）</translation>
    </message>
    <message>
        <source>Auction: no 09:30 opening-auction data</source>
        <translation>竞价：无 09:30 竞价快照</translation>
    </message>
    <message>
        <source>Yesterday&apos;s limit-ups</source>
        <translation>昨涨停</translation>
    </message>
    <message>
        <source>Today&apos;s limit-ups</source>
        <translation>今涨停</translation>
    </message>
    <message>
        <source>{0} &lt;b style=&apos;color:{1}&apos;&gt;{2}&lt;/b&gt; amount ratio {3}</source>
        <translation>{0} &lt;b style=&apos;color:{1}&apos;&gt;{2}&lt;/b&gt; 额/昨额 {3}</translation>
    </message>
    <message>
        <source>Auction </source>
        <translation>竞价 </translation>
    </message>
    <message>
        <source>From the 09:30 opening-auction print: auction change = open vs prev close; amount ratio = summed auction amount ÷ the same stocks&apos; amount on the previous session.</source>
        <translation>取自 09:30 开盘集合竞价：竞价涨幅 = 开盘价较昨收；额/昨额 = 竞价成交额合计 ÷ 同一批股票上一交易日的成交额。</translation>
    </message>
    <message>
        <source>Breadth: —</source>
        <translation>宽度：—</translation>
    </message>
    <message>
        <source>Adv/dec &lt;span style=&apos;color:{0}&apos;&gt;{1}&lt;/span&gt;/&lt;span style=&apos;color:{2}&apos;&gt;{3}&lt;/span&gt; · A/D line {4} · McClellan &lt;b style=&apos;color:{5}&apos;&gt;{6}&lt;/b&gt; · above MA20/50/200 {7}/{8}/{9}% · highs − lows 20d {10} 60d {11} 250d {12}</source>
        <translation>涨/跌 &lt;span style=&apos;color:{0}&apos;&gt;{1}&lt;/span&gt;/&lt;span style=&apos;color:{2}&apos;&gt;{3}&lt;/span&gt; · 腾落线 {4} · 麦克连 &lt;b style=&apos;color:{5}&apos;&gt;{6}&lt;/b&gt; · 站上MA20/50/200 {7}/{8}/{9}% · 新高−新低 20日 {10} 60日 {11} 250日 {12}</translation>
    </message>
</context>
<context>
    <name>SentimentTiers</name>
    <message>
        <source>Promotion</source>
        <translation>晋级</translation>
    </message>
    <message>
        <source>Yday</source>
        <translation>昨</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今</translation>
    </message>
    <message>
        <source>Promotion rate</source>
        <translation>晋级率</translation>
    </message>
    <message>
        <source>Promotion rate N→N+1 = stocks at an N-day streak yesterday at N+1 today ÷ those at N yesterday that trade today, matched by code; a stock suspended on the previous session is in no tier.</source>
        <translation>连板晋级率 N→N+1 = 昨日N板今日(N+1)板 ÷ 昨日N板且今日交易，按代码匹配；上一交易日停牌的股票不计入任何梯队。</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数</translation>
    </message>
    <message>
        <source>Mean chg</source>
        <translation>均涨幅</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>红盘</translation>
    </message>
    <message>
        <source>Big loss</source>
        <translation>大面</translation>
    </message>
    <message>
        <source>First board</source>
        <translation>首板</translation>
    </message>
    <message>
        <source>Streaks</source>
        <translation>连板</translation>
    </message>
    <message>
        <source>Yday limit-ups</source>
        <translation>昨日涨停</translation>
    </message>
    <message>
        <source>Yday broken</source>
        <translation>昨日炸板</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Big loss: stocks at or below {0}% today</source>
        <translation>大面：今日跌幅达到或超过 {0}% 的股票</translation>
    </message>
</context>
<context>
    <name>SessionLines</name>
    <message>
        <source>Advance − decline</source>
        <translation>涨跌差</translation>
    </message>
    <message>
        <source>Limit-up</source>
        <translation>涨停</translation>
    </message>
    <message>
        <source>Limit-down</source>
        <translation>跌停</translation>
    </message>
    <message>
        <source>Turnover {0}</source>
        <translation>成交额 {0}</translation>
    </message>
    <message>
        <source>Turnover: no turnover data</source>
        <translation>成交额 无数据</translation>
    </message>
    <message>
        <source>vs prior session same time {0}</source>
        <translation>较昨日同时 {0}</translation>
    </message>
</context>
<context>
    <name>SessionMessages</name>
    <message>
        <source>no session {date} in the store</source>
        <translation>数据库中没有 {date} 的交易日</translation>
    </message>
    <message>
        <source>{date} has only daily bars; no snapshot at {time}</source>
        <translation>{date} 只有日线数据；没有 {time} 的快照</translation>
    </message>
    <message>
        <source>no snapshot at {time} on {date} (stored {first}..{last})</source>
        <translation>{date} 没有 {time} 的快照（已存 {first}–{last}）</translation>
    </message>
    <message>
        <source>no snapshot on {date} at or before {time}</source>
        <translation>{date} 在 {time} 及之前没有快照</translation>
    </message>
    <message>
        <source>the store has no snapshots and no daily bars for {date}</source>
        <translation>数据库中没有 {date} 的快照，也没有日线</translation>
    </message>
</context>
<context>
    <name>SessionPicker</name>
    <message>
        <source>Sessions in the open stores (latest last)</source>
        <translation>已打开数据库中的交易日（最新在最后）</translation>
    </message>
    <message>
        <source>Pick a session on the trading calendar</source>
        <translation>在交易日历上选择交易日</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>日历</translation>
    </message>
    <message>
        <source>Store shown</source>
        <translation>本库</translation>
    </message>
    <message>
        <source>Other stores</source>
        <translation>其他库</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>休市</translation>
    </message>
    <message>
        <source>{0}: the exchange was closed</source>
        <translation>{0}：休市</translation>
    </message>
    <message>
        <source>{0}: a trading day, but no open store holds snapshots of it</source>
        <translation>{0}：交易日，但已打开的数据库中都没有该日快照</translation>
    </message>
    <message>
        <source>{0}: a trading day, but this store holds no snapshots of it</source>
        <translation>{0}：交易日，但本数据库中没有该日快照</translation>
    </message>
</context>
<context>
    <name>StandardExport</name>
    <message>
        <source>Source: Tidemark store {0} · session {1} · minute {2}</source>
        <translation>来源：Tidemark 数据库 {0} · 交易日 {1} · 时点 {2}</translation>
    </message>
    <message>
        <source>Equal-weight</source>
        <translation>不含加权</translation>
    </message>
    <message>
        <source>{0} intraday</source>
        <translation>{0} 分时</translation>
    </message>
    <message>
        <source>Indices overlaid (%)</source>
        <translation>指数叠加（%）</translation>
    </message>
    <message>
        <source>Indices overlaid (% change)</source>
        <translation>指数叠加（涨跌幅 %）</translation>
    </message>
    <message>
        <source>{0} daily K-line</source>
        <translation>{0} 日K</translation>
    </message>
    <message>
        <source>Sectors (concepts)</source>
        <translation>板块涨跌（概念）</translation>
    </message>
    <message>
        <source>Breadth · distribution · concentration</source>
        <translation>市场宽度 · 涨跌分布 · 集中度</translation>
    </message>
    <message>
        <source>Market sentiment</source>
        <translation>市场情绪</translation>
    </message>
    <message>
        <source>Limit-up ladder</source>
        <translation>连板梯队</translation>
    </message>
</context>
<context>
    <name>StoreMessages</name>
    <message>
        <source>{path}: no such store (file not found)</source>
        <translation>{path}：找不到数据库（文件不存在）</translation>
    </message>
    <message>
        <source>{path}: cannot read the file ({reason})</source>
        <translation>{path}：无法读取文件（{reason}）</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a store file</source>
        <translation>{path}：这是文件夹，不是数据库文件</translation>
    </message>
    <message>
        <source>{path}: empty file (0 bytes), not a Tidemark store</source>
        <translation>{path}：空文件（0 字节），不是 Tidemark 数据库</translation>
    </message>
    <message>
        <source>{path}: not a Tidemark store (not an SQLite database file)</source>
        <translation>{path}：不是 Tidemark 数据库（不是 SQLite 数据库文件）</translation>
    </message>
    <message>
        <source>{path}: truncated store: {size} of {expected} bytes (an interrupted copy or download?); copy it again or rebuild it</source>
        <translation>{path}：数据库不完整：只有 {size} / {expected} 字节（复制或下载中断？）；请重新复制或重建</translation>
    </message>
    <message>
        <source>{path}: store is busy: another program is writing to it (database is locked); try again when it has finished</source>
        <translation>{path}：数据库正忙：另一程序正在写入（数据库已锁定）；请待其完成后重试</translation>
    </message>
    <message>
        <source>{path}: not a Tidemark store (not an SQLite database: {reason})</source>
        <translation>{path}：不是 Tidemark 数据库（不是 SQLite 数据库：{reason}）</translation>
    </message>
    <message>
        <source>{path}: the store is damaged ({reason}); restore a copy or rebuild it</source>
        <translation>{path}：数据库已损坏（{reason}）；请恢复备份或重建</translation>
    </message>
    <message>
        <source>{path}: cannot read the store ({reason}); it may have been truncated or moved, or its disk removed</source>
        <translation>{path}：无法读取数据库（{reason}）；文件可能被截断、移动，或所在磁盘已移除</translation>
    </message>
    <message>
        <source>{path}: incomplete Tidemark store ({reason}); rebuild it or import again</source>
        <translation>{path}：Tidemark 数据库不完整（{reason}）；请重建或重新导入</translation>
    </message>
    <message>
        <source>{path}: the store cannot be written here ({reason})</source>
        <translation>{path}：此处无法写入数据库（{reason}）</translation>
    </message>
    <message>
        <source>{path}: cannot open the store ({reason})</source>
        <translation>{path}：无法打开数据库（{reason}）</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <source>{path}: not a Tidemark store (tables not found: {tables})</source>
        <translation>{path}：不是 Tidemark 数据库（缺少数据表：{tables}）</translation>
    </message>
    <message>
        <source>{path}: schema_version {value} in meta is not a number; not a Tidemark store</source>
        <translation>{path}：meta 中的 schema_version {value} 不是数字；不是 Tidemark 数据库</translation>
    </message>
    <message>
        <source>{path}: not a Tidemark store (an SQLite database with no tables)</source>
        <translation>{path}：不是 Tidemark 数据库（SQLite 数据库中没有数据表）</translation>
    </message>
    <message>
        <source>{path}: schema version {version} is newer than this Tidemark understands ({supported}); update Tidemark to open it</source>
        <translation>{path}：数据库版本 {version} 高于本版 Tidemark 支持的版本（{supported}）；请升级 Tidemark 后打开</translation>
    </message>
    <message>
        <source>{path}: schema version {version} is older than this Tidemark&apos;s ({supported}); run &apos;tidemark migrate --db {path}&apos; to upgrade it (a backup copy is kept)</source>
        <translation>{path}：数据库版本 {version} 低于本版 Tidemark 的版本（{supported}）；请运行 &apos;tidemark migrate --db {path}&apos; 升级（会保留备份）</translation>
    </message>
    <message>
        <source>{path}: incomplete Tidemark store (missing tables: {tables}); rebuild it or import again</source>
        <translation>{path}：Tidemark 数据库不完整（缺少数据表：{tables}）；请重建或重新导入</translation>
    </message>
    <message>
        <source>{path}: the store is locked by another program (database is locked); try again when it is done</source>
        <translation>{path}：数据库被另一程序锁定（数据库已锁定）；请待其完成后重试</translation>
    </message>
    <message>
        <source>{path}: the store file has vanished (deleted or renamed); showing the last minute loaded — open a store to continue</source>
        <translation>{path}：数据库文件已不存在（被删除或改名）；显示最后载入的时点 — 请打开数据库以继续</translation>
    </message>
    <message>
        <source>no store is open</source>
        <translation>未打开数据库</translation>
    </message>
    <message>
        <source>brief</source>
        <translation>要点</translation>
    </message>
    <message>
        <source>sentiment</source>
        <translation>情绪</translation>
    </message>
    <message>
        <source>{path}: {where}{kind}: {text}</source>
        <translation>{path}：{where}{kind}：{text}</translation>
    </message>
</context>
<context>
    <name>TimeScrubber</name>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>VolumeAxis</name>
    <message>
        <source>{0} lots</source>
        <translation>{0}手</translation>
    </message>
    <message>
        <source>{0} shares</source>
        <translation>{0}股</translation>
    </message>
</context>
<context>
    <name>WindowMenus</name>
    <message>
        <source>Session</source>
        <translation>交易日</translation>
    </message>
    <message>
        <source> Session </source>
        <translation> 交易日 </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open store…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Add store…</source>
        <translation>添加数据库(&amp;A)…</translation>
    </message>
    <message>
        <source>Open another store beside those already open; the session list shows the sessions of every open store</source>
        <translation>在已打开的数据库之外再打开一个；交易日列表显示所有已打开数据库的交易日</translation>
    </message>
    <message>
        <source>&amp;Close store</source>
        <translation>关闭数据库(&amp;C)</translation>
    </message>
    <message>
        <source>Close the store shown (when several are open)</source>
        <translation>关闭当前显示的数据库（打开多个时）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Green up / red down (international colours)</source>
        <translation>绿涨红跌（国际配色）</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>深色主题</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>The interface is already in this language</source>
        <translation>界面已是该语言</translation>
    </message>
    <message>
        <source>Language saved: restart Tidemark to apply it</source>
        <translation>语言已保存：重新启动 Tidemark 后生效</translation>
    </message>
</context>
<context>
    <name>WindowPainting</name>
    <message>
        <source>Loading {0} {1}…</source>
        <translation>正在载入 {0} {1}…</translation>
    </message>
    <message>
        <source>New data up to {0} {1} (scrubbed back: not following)</source>
        <translation>新数据已到 {0} {1}（已回看：不跟随）</translation>
    </message>
    <message>
        <source>Tidemark</source>
        <translation>Tidemark</translation>
    </message>
    <message>
        <source>   live: following</source>
        <translation>   实时：跟随中</translation>
    </message>
    <message>
        <source>   live: data up to {0}; scrubbed back, not following (End follows again)</source>
        <translation>   实时：数据已到 {0}；已回看，不跟随（按 End 恢复跟随）</translation>
    </message>
    <message>
        <source>{0}  {1}   stocks {2:,}   store {3}   painted in {4:.0f} ms</source>
        <translation>{0}  {1}   股票 {2:,} 只   数据库 {3}   绘制 {4:.0f} 毫秒</translation>
    </message>
    <message>
        <source>Turnover (half-day)</source>
        <translation>半日成交额</translation>
    </message>
    <message>
        <source>Turnover at {0}</source>
        <translation>成交额 {0}</translation>
    </message>
    <message>
        <source>Turnover {0}</source>
        <translation>成交额 {0}</translation>
    </message>
</context>
<context>
    <name>WindowState</name>
    <message>
        <source>Source: Tidemark store {0}</source>
        <translation>来源：Tidemark 数据库 {0}</translation>
    </message>
    <message>
        <source>Source: Tidemark store {0} · session {1} · minute {2}</source>
        <translation>来源：Tidemark 数据库 {0} · 交易日 {1} · 时点 {2}</translation>
    </message>
    <message>
        <source>{0}: no longer there; not reopened</source>
        <translation>{0}：已不存在，未重新打开</translation>
    </message>
</context>
<context>
    <name>WindowStores</name>
    <message>
        <source>Open a Tidemark store</source>
        <translation>打开 Tidemark 数据库</translation>
    </message>
    <message>
        <source>SQLite (*.sqlite *.db)</source>
        <translation>SQLite 数据库 (*.sqlite *.db)</translation>
    </message>
    <message>
        <source>Add Tidemark stores</source>
        <translation>添加 Tidemark 数据库</translation>
    </message>
    <message>
        <source>{0} is already open</source>
        <translation>{0} 已打开</translation>
    </message>
    <message>
        <source>Reading the sessions of {0}…</source>
        <translation>正在读取 {0} 的交易日…</translation>
    </message>
    <message>
        <source>{0}: the store holds no session</source>
        <translation>{0}：数据库中没有交易日</translation>
    </message>
    <message>
        <source>Added {0}: {1} sessions, {2} to {3}; pick one in the session list</source>
        <translation>已添加 {0}：{1} 个交易日，{2} 至 {3}；请在交易日列表中选择</translation>
    </message>
    <message>
        <source>Store not added: {0}</source>
        <translation>未添加数据库：{0}</translation>
    </message>
    <message>
        <source>Tidemark</source>
        <translation>Tidemark</translation>
    </message>
    <message>
        <source>Closed {0}; opening {1}…</source>
        <translation>已关闭 {0}；正在打开 {1}…</translation>
    </message>
    <message>
        <source>Opening {0} {1}…</source>
        <translation>正在打开 {0} {1}…</translation>
    </message>
</context>
</TS>
