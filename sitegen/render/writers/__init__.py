"""Writers of the outputs that are not pages: feeds, calendars, sitemaps, pictures."""
