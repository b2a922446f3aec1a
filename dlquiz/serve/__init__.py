"""`dlquiz serve`: the study, exam and statistics apps in a browser, through the Textual
project's textual-serve (each browser tab gets its own app process on the same bank). Only
this package imports textual_serve and aiohttp, so they stay an optional extra."""
