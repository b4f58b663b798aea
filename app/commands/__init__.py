"""Commands that compose the layers (store + ui) for the command line: view, export, bench."""
