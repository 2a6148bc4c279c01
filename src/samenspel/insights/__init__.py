"""Insights: is the snowball rolling, and when is the development team superfluous?

The modules ``forecast``, ``simulation``, ``network`` and ``charts`` are pure cores: plain
Python and numpy that take data and return data, with no Django inside, so that they can be
tested and benchmarked without a database. The Django side feeds them.
"""
