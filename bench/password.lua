-- wrk script: a flood of password grants with a wrong password.
-- Usage: wrk ... -s bench/password.lua http://127.0.0.1:5081/oauth/token -- '<username>'
-- Every request is the same static form: grant_type=password, the given username, a wrong password.
function init(args)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
   wrk.headers["Accept"] = "application/json"
   wrk.body = "grant_type=password&username=" .. args[1] .. "&password=not-the-password"
end
