-- wrk script: the spend check, POST /api/v1/products/{id}/reservations.
-- Usage: wrk ... -s bench/reserve.lua http://127.0.0.1:5081/api/v1/products/<id>/reservations -- <bearer token> [coins]
-- Every request reserves the same tiny amount (default 0.000001 coins, held 300 s) of one product
-- whose limit is far away, so every answer is a 201 and every reservation is stored.
function init(args)
   wrk.method = "POST"
   wrk.headers["Content-Type"] = "application/json"
   wrk.headers["Accept"] = "application/json"
   wrk.headers["Authorization"] = "Bearer " .. args[1]
   wrk.body = string.format('{"coins":"%s","ttl_seconds":300}', args[2] or "0.000001")
end
