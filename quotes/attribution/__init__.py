"""The stages that turn a parsed Doc into claim records: the article's
outlet and boilerplate, quote marks, cues, speakers and who they are."""
