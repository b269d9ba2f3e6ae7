"""The annual cooperation programme (art. 5a): workflow, pages, PDF for the council."""
