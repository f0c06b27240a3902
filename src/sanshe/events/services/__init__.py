"""Every write to fairs and markets: one function per use case (fairs.py, markets.py)."""
