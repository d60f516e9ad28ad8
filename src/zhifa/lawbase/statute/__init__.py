"""Reading statutory penalty limits out of Chinese legal text.

Pure Python, no Django: `numbers` turns written amounts into decimals, `penalties` reads the
penalties an article sets (kind, base, bounds, party, condition) and `coverage` measures how much
of the shipped law base the parser understands.
"""
