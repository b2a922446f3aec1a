"""The Textual study app: `make_app(service)` builds it for `dlquiz study` and for tests."""
