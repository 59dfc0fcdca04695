-- wrk script: POST /api/v1/users with a unique body per request.
-- Usage: wrk ... -s bench/users.lua http://127.0.0.1:5081/api/v1/users -- <thread-offset> <bearer token>
-- Each request creates user "u<thread>-<counter>" (email "u<thread>-<counter>@example.com").
-- <thread-offset> keeps the names of successive runs (warm-up, measurement) apart:
-- thread numbers run from offset+1 to offset+threads.
local next_thread = 1

function setup(thread)
   thread:set("thread_no", next_thread)
   next_thread = next_thread + 1
end

function init(args)
   thread_no = thread_no + tonumber(args[1] or "0")
   counter = 0
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. args[2]
end

function request()
   counter = counter + 1
   local name = string.format("u%d-%d", thread_no, counter)
   local body = string.format('{"username":"%s","email":"%s@example.com"}', name, name)
   return wrk.format(nil, nil, nil, body)
end
