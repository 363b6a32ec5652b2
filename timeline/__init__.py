"""timeline: news articles in, an evidence-linked timeline of events out."""
