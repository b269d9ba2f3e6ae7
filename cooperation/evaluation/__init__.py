"""The annual report on the cooperation programme (art. 5a ust. 3) and its indicators.

The app reads the year's figures from grants, consultations, workshops, organisations,
the programme and non-financial cooperation; it sits in its own import-linter layer
above those apps and below the site.
"""
