"""Reading customers' shop messages: words, product names, searches, counts, references, checkout answers.

Everything here reads text; ``commerce`` only computes on what it yields (typed values).
"""
