"""The outcome thresholds the command line offers as defaults, apart from the outcomes
themselves: ``sbcm``'s parser needs the numbers at start-up, not the module that counts (which
``sbcm report`` and the dashboard import when they run)."""

DEFAULT_NO_CONTACT_DAYS = 14
"""A case is 'quiet' after this many days without a contact (two missed weekly meetings)."""
DUE_SOON_DAYS = 7
"""'Due this week': today and the six days after it."""
