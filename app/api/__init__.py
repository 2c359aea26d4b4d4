"""The web layer the routers share: dependencies, problem+json, conditional requests, query
binding, request limits, rate limits and health. Services never import it."""
