"""The hot read path's machinery, kept out of the domains: statements prepared once per shape
(`prepared`), JSON rendered by the database (`sql_json`), and the per-worker answer cache
(`response_cache`) with the data version that says when its answers went stale (`data_version`)."""
