"""Qt widgets: thin views that map frames and arrays handed to them onto pyqtgraph items.

Nothing here reads the store; data reaches the widgets through the workers layer.
"""
