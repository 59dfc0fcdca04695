-- wrk script: GET <prefix><random id from a file>, with a bearer token.
-- Usage: wrk ... -s bench/scale/random-get.lua http://127.0.0.1:PORT -- <ids file> <path prefix> <token>
local ids = {}

function init(args)
   for line in io.lines(args[1]) do ids[#ids + 1] = line end
   prefix = args[2]
   wrk.headers["Authorization"] = "Bearer " .. args[3]
   math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
   return wrk.format("GET", prefix .. ids[math.random(#ids)])
end
