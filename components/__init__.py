"""UI glue between the domain package and the pages: cached data, figures, widgets, tables."""
