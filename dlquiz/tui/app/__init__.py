"""The Textual app factories (study, exam, statistics) and the pieces their screens share: bank
calls in workers, the answer clock, the editor command, session totals. app.tcss, the one
stylesheet, lives here beside the apps whose CSS_PATH names it."""
