"""QObject workers on QThreads: the only code that touches the store from the GUI."""
