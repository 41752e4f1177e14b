-- wrk script: POST the contract's cheapest public query.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"query":"{ tenant { slug name theme { primaryColor } } }"}'
