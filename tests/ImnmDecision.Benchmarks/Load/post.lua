-- wrk script of the load test: POST the body in $LOAD_BODY_FILE as JSON.
local file = assert(io.open(os.getenv("LOAD_BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
