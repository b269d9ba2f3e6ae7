"""The records of evaluation: the annual report on the programme and the quality index."""
