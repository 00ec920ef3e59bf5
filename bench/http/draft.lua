-- wrk script for POST /api/v1/draft: one small draft request per call, with the token that
-- bench/http/run.sh passes in the environment as SERA_BENCH_TOKEN.
wrk.method = "POST"
wrk.body = '{"topic":"sleep hygiene for night-shift nurses","platform":"telegram"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SERA_BENCH_TOKEN")
