-- wrk script: usage ingest, POST /api/v1/charges with <lines> processing lines per request.
-- Usage: wrk ... -s bench/charges.lua http://127.0.0.1:5081/api/v1/charges -- <thread-offset> <bearer token> <product id> <lines> <prefix>
-- Every line has a unique external_id "<prefix><thread>-<request>-<line>", so every line is recorded
-- (none is a duplicate). <thread-offset> keeps successive runs (warm-up, measurement) apart, and
-- <prefix> successive scenarios.
local next_thread = 1

function setup(thread)
   thread:set("thread_no", next_thread)
   next_thread = next_thread + 1
end

function init(args)
   thread_no = thread_no + tonumber(args[1] or "0")
   product = args[3]
   lines = tonumber(args[4] or "1")
   prefix = args[5] or "c"
   counter = 0
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. args[2]
end

function request()
   counter = counter + 1
   local parts = {}
   for i = 1, lines do
      parts[i] = string.format(
         '{"product_id":"%s","external_id":"%s%d-%d-%d","kind":"processing","coins":"0.000001","username":"bench","name":"job"}',
         product, prefix, thread_no, counter, i)
   end
   return wrk.format(nil, nil, nil, '{"lines":[' .. table.concat(parts, ",") .. ']}')
end
