"""The stages of reading a check-in reply; `bot.rules.checkins.parser` runs them."""
