-- wrk script: client_credentials token issuance.
-- Usage: wrk ... -s bench/token.lua http://127.0.0.1:5081/oauth/token -- '<form body>'
-- The form body (already URL-encoded) is the same for every request, so the request
-- is built once per thread (a static wrk request).
function init(args)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Accept"] = "application/json"
   wrk.body = args[1]
end
