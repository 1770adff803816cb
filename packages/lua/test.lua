-- packages/lua/test.lua: exercises the interpreter and the system underneath
-- it. Run with the data file data.txt beside it (the directory is found from
-- arg[0]); prints one line per check and "all ok" last. The output must not
-- depend on the host (time, paths, locale), so that the dev executable and
-- the spt image print the same thing.

local dir = arg[0]:match("^(.*)/[^/]*$") or "."
local failures = 0

local function check(name, cond, detail)
  if cond then
    print("ok   " .. name)
  else
    failures = failures + 1
    print("FAIL " .. name .. (detail and (": " .. tostring(detail)) or ""))
  end
end

-- string ------------------------------------------------------------------
check("string.format", string.format("%5.2f|%-4d|%x|%q", math.pi, 42, 255, "a\nb")
      == ' 3.14|42  |ff|"a\\\nb"')
check("string.rep/len", #string.rep("ab", 1000, ",") == 2999)
check("string.gsub", (("hello world"):gsub("o", "0")) == "hell0 w0rld")
check("string.find pattern", select(3, ("key = value"):find("(%w+)%s*=")) == "key")
local words = {}
for w in ("the quick  brown fox"):gmatch("%a+") do words[#words + 1] = w end
check("string.gmatch", table.concat(words, "/") == "the/quick/brown/fox")
check("string.byte/char", string.char(("Lua"):byte(1, -1)) == "Lua")
check("string.upper/reverse", ("abc"):upper():reverse() == "CBA")
local packed = string.pack("<i4 d s1", -7, 2.5, "xyz")
local a, b, c = string.unpack("<i4 d s1", packed)
check("string.pack/unpack", a == -7 and b == 2.5 and c == "xyz" and #packed == 16)
check("utf8", utf8.len("héllo") == 5 and utf8.char(0x4e2d) == "\xe4\xb8\xad")
check("tostring/tonumber", tonumber("0x10") == 16 and tonumber("1e3") == 1000.0
      and tostring(1/0) == "inf" and tonumber("z", 36) == 35)

-- table -------------------------------------------------------------------
local t = {}
for i = 1, 1000 do t[i] = (i * 7919) % 1009 end
table.sort(t)
local sorted = true
for i = 2, #t do sorted = sorted and t[i - 1] <= t[i] end
check("table.sort", sorted and #t == 1000)
table.sort(t, function(x, y) return x > y end)
check("table.sort comparator", t[1] >= t[2] and t[1000] <= t[999])
local q = {1, 2, 3}
table.insert(q, 1, 0); table.insert(q, 4); table.remove(q, 2)
check("table.insert/remove", table.concat(q, ",") == "0,2,3,4")
check("table.move/unpack", select("#", table.unpack(table.move({1, 2, 3}, 1, 3, 2))) == 4)
local mt = setmetatable({}, {__index = function(_, k) return k * 2 end,
                             __call = function(_, x) return x + 1 end})
check("metatables", mt[21] == 42 and mt(41) == 42)
local keys = 0
for _ in pairs({a = 1, b = 2, c = 3, 4, 5}) do keys = keys + 1 end
check("pairs", keys == 5)

-- math --------------------------------------------------------------------
check("integer/float", 7 // 2 == 3 and 7 / 2 == 3.5 and math.type(1) == "integer"
      and math.type(1.0) == "float" and 3 % -2 == -1)
check("math.maxinteger wraps", math.maxinteger + 1 == math.mininteger)
check("math functions", math.floor(-2.5) == -3 and math.ceil(2.1) == 3
      and math.abs(math.sin(math.pi)) < 1e-15 and math.sqrt(2)^2 - 2 < 1e-15
      and math.fmod(7, 3) == 1 and math.tointeger(3.0) == 3)
check("float formatting", string.format("%.14g", 0.1 + 0.2) == "0.3"
      and string.format("%.17g", 0.1) == "0.10000000000000001"
      and tostring(2^63) == "9.2233720368548e+18")
math.randomseed(42)
local r1 = {math.random(1, 100), math.random(1, 100), math.random()}
math.randomseed(42)
local r2 = {math.random(1, 100), math.random(1, 100), math.random()}
check("math.random seeded", r1[1] == r2[1] and r1[2] == r2[2] and r1[3] == r2[3]
      and r1[3] >= 0 and r1[3] < 1)
-- Same seed, same sequence on every system (xoshiro256**).
print("random(1,1000) x4 after randomseed(7): " .. (function()
  math.randomseed(7)
  return table.concat({math.random(1000), math.random(1000), math.random(1000),
                       math.random(1000)}, " ")
end)())

-- io: the data file in the rootfs -------------------------------------------
local f = assert(io.open(dir .. "/data.txt", "r"))
local lines = {}
for line in f:lines() do lines[#lines + 1] = line end
f:close()
check("read data.txt lines", #lines == 5 and lines[1] == "alpha 1" and lines[5] == "epsilon 5",
      #lines)
local sum = 0
for name, n in io.lines(dir .. "/data.txt", "l") do
  sum = sum + tonumber(name:match("%d+"))
end
check("io.lines sum", sum == 15)
f = assert(io.open(dir .. "/data.txt", "rb"))
local size = f:seek("end")
f:seek("set", 6)
check("seek and read data.txt", size == 41 and f:read(1) == "1" and f:seek("cur") == 7, size)
f:close()

-- io: writing, in /tmp and next to the script (the image's writable overlay)
local function roundtrip(path)
  local w = assert(io.open(path, "w"))
  w:setvbuf("full", 1024)
  for i = 1, 100 do w:write(i, " ", ("x"):rep(i), "\n") end
  w:write(3.25, "\n", 12345678901234, "\n")
  assert(w:close())
  local r = assert(io.open(path, "r"))
  local n, count = 0, 0
  for i = 1, 100 do
    local num = r:read("n"); local rest = r:read("l")
    if num == i and rest == " " .. ("x"):rep(i) then count = count + 1 end
  end
  local fl, int = r:read("n", "n")
  local eof = r:read("l", "l")
  local len = r:seek("end")
  r:seek("set", 0)
  local first = r:read(3)
  r:seek("cur", 2)
  local third = r:read("l")
  r:seek("end", -16)
  local tail = r:read("a")
  r:close()
  local a = assert(io.open(path, "a")); a:write("appended\n"); a:close()
  local last
  for l in io.lines(path) do last = l end
  local ok = count == 100 and fl == 3.25 and math.type(fl) == "float" and int == 12345678901234
        and math.type(int) == "integer" and eof == "" and first == "1 x"
        and third == " xx" and tail == "\n12345678901234\n" and last == "appended"
  return ok, string.format("count=%d len=%d first=%q third=%q tail=%q", count, len, first,
                           tostring(third), tostring(tail)), len
end
local ok, detail, len = roundtrip("/tmp/lua-test-" .. tostring(os.time()) .. ".txt")
check("write/read/seek/append in /tmp", ok, detail)
print("written file length: " .. tostring(len))
os.remove("/tmp/lua-test-" .. tostring(os.time()) .. ".txt")
local here = dir .. "/written.txt"
ok, detail = roundtrip(here)
check("write/read/seek/append beside the script", ok, detail)
local renamed = dir .. "/renamed.txt"
check("os.rename", os.rename(here, renamed) == true and io.open(here) == nil)
check("os.remove", os.remove(renamed) == true)
local nf, msg, code = io.open(renamed)
check("open a removed file: ENOENT", nf == nil and code == 2
      and msg:find("No such file or directory", 1, true), msg)
local _, rmsg, rcode = os.remove(dir .. "/nonexistent/x")
check("remove in a missing directory: ENOENT", rcode == 2, rmsg)
local d = io.open("/tmp", "r")
if d then
  local data, dmsg, dcode = d:read("a")
  check("read a directory: EISDIR", data == nil and dcode == 21, dmsg)
  d:close()
else
  check("read a directory: EISDIR", false, "open failed")
end
local tmpname = os.tmpname()
check("os.tmpname is in /tmp", tmpname:match("^/tmp/lua_") ~= nil, tmpname)
local tf = assert(io.open(tmpname, "w")); tf:write("tmpname"); tf:close()
check("os.tmpname file usable", io.open(tmpname):read("a") == "tmpname")
os.remove(tmpname)
local tmp = io.tmpfile()
tmp:write(("0123456789"):rep(1000))
tmp:seek("set", 9995)
check("io.tmpfile", tmp:read("a") == "56789" and tmp:seek("cur") == 10000)
tmp:close()
check("io.type", io.type(tmp) == "closed file" and io.type(io.stdout) == "file")
io.stdout:write("io.stdout:write works\n")
io.write(string.format("%d %s\n", 7, "via io.write"))

-- os -----------------------------------------------------------------------
local now = os.time()
check("os.time is recent", now > 1600000000 and math.type(now) == "integer")
check("os.date UTC of 0", os.date("!%Y-%m-%d %H:%M:%S", 0) == "1970-01-01 00:00:00")
check("os.date UTC of 1e9", os.date("!%c", 1000000000) == "Sun Sep  9 01:46:40 2001",
      os.date("!%c", 1000000000))
local tt = os.date("*t", now)
check("os.date *t and os.time round trip", os.time(tt) == now)
local u = os.date("!*t", 86400 * 365 + 3600 * 5 + 61)
check("os.date !*t fields", u.year == 1971 and u.month == 1 and u.day == 1 and u.hour == 5
      and u.min == 1 and u.sec == 1 and u.yday == 1 and u.wday == 6)
check("os.time of a table", os.time({year = 2001, month = 9, day = 9, hour = 12})
      - os.time({year = 2001, month = 9, day = 8, hour = 12}) == 86400)
check("os.difftime", os.difftime(now + 10, now) == 10.0)
local c0 = os.clock()
local x = 0
for i = 1, 2000000 do x = x + i % 7 end
local c1 = os.clock()
check("os.clock advances", c0 >= 0 and c1 > c0 and c1 - c0 < 60, string.format("%g %g", c0, c1))
check("os.getenv", os.getenv("LUA_TEST_SURELY_UNSET") == nil)

-- coroutines ---------------------------------------------------------------
local gen = coroutine.wrap(function(n)
  for i = 1, n do coroutine.yield(i * i) end
  return "done"
end)
local squares = {gen(5), gen(), gen(), gen(), gen(), gen()}
check("coroutine.wrap", table.concat(squares, " ") == "1 4 9 16 25 done")
local co = coroutine.create(function(a1, b1)
  local c1 = coroutine.yield(a1 + b1)
  local d1, e1 = coroutine.yield(c1 * 2)
  return d1 + e1
end)
local r = {}
r[1] = select(2, coroutine.resume(co, 1, 2))
r[2] = select(2, coroutine.resume(co, 10))
r[3] = select(2, coroutine.resume(co, 3, 4))
check("coroutine.resume/yield", r[1] == 3 and r[2] == 20 and r[3] == 7
      and coroutine.status(co) == "dead")
local bad = coroutine.create(function() error("inside") end)
local okc, cerr = coroutine.resume(bad)
check("error in a coroutine", not okc and cerr:find("inside") ~= nil)
check("coroutine.isyieldable", not coroutine.isyieldable()
      and coroutine.wrap(function() return coroutine.isyieldable() end)())
-- a deep chain of coroutines (each on its own C stack frame)
local function chain(n)
  if n == 0 then return 0 end
  return coroutine.wrap(function() return chain(n - 1) + 1 end)()
end
check("nested coroutines", chain(150) == 150)

-- errors --------------------------------------------------------------------
local pok, perr = pcall(error, {code = 42})
check("pcall with a table error", not pok and perr.code == 42)
pok, perr = pcall(function() local n = nil; return n.field end)
check("pcall of an indexing error", not pok and perr:find("attempt to index") ~= nil, perr)
pok, perr = pcall(error, "plain", 0)
check("error level 0", perr == "plain")
local xok, trace = xpcall(function() error("deep") end, debug.traceback)
check("xpcall with traceback", not xok and trace:find("deep") and trace:find("stack traceback:"))
local function level3() error("boom", 2) end
local function level2() level3() end
pok, perr = pcall(level2)
check("error level 2 names the caller", perr:find("test.lua:%d+: boom") ~= nil, perr)
xok, trace = xpcall(function() return 1 + {} end, function(m) return "handled: " .. m end)
check("xpcall handler", trace:find("^handled: .*arithmetic") ~= nil, trace)
local closed = {}
do
  local ok2 = pcall(function()
    local _ <close> = setmetatable({}, {__close = function() closed[#closed + 1] = "a" end})
    error("unwind")
  end)
  closed.ok = ok2
end
check("to-be-closed variable on error", closed[1] == "a" and closed.ok == false)
local function recurse(n) return n == 0 and 0 or 1 + recurse(n - 1) end
check("deep recursion", recurse(100000) == 100000)
pok, perr = pcall(function() local function inf() return 1 + inf() end return inf() end)
check("stack overflow is caught", not pok and perr:find("stack overflow") ~= nil, perr)
check("load with syntax error", select(2, load("x = = 1", "chunk")):find("unexpected symbol") ~= nil)
check("load and run", load("return ...", "chunk", "t")(6, 7) == 6)
local bytecode = string.dump(function(p) return p * 3 end)
check("string.dump/load", load(bytecode, "b", "b")(14) == 42)

-- memory --------------------------------------------------------------------
local big = {}
for i = 1, 200000 do big[i] = {i, tostring(i)} end
local before = collectgarbage("count")
big = nil
collectgarbage(); collectgarbage()
check("garbage collection frees memory", collectgarbage("count") < before / 2)
local s = {}
for i = 1, 20000 do s[#s + 1] = ("%05d"):format(i) end
check("large string", #table.concat(s) == 100000)

if failures > 0 then
  print(failures .. " failed")
  os.exit(1)
end
print("all ok")
