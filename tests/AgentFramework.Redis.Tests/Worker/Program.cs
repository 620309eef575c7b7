// A cache node in its own OS process, driven line by line over stdin/stdout by RedisScaleOutTests:
//   args: <redis configuration> <key prefix> <node name>
//   "ask <tenant> <prompt…>"   → "answer <text>"
//   "invalidate <tenant>"      → "ok"
//   "calls"                    → "calls <n>"   (upstream calls so far)
//   "quit"                     → exits
using AgentFramework.Redis.TestWorker;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: AgentFramework.Redis.TestWorker <redis configuration> <key prefix> <node name>");
    return 2;
}

await using var node = await CacheNode.StartAsync(args[0], args[1], args[2]);
Console.WriteLine("ready");
while (Console.ReadLine() is { } line)
{
    var parts = line.Split(' ', 3);
    switch (parts[0])
    {
        case "ask" when parts.Length == 3:
            Console.WriteLine("answer " + await node.AskAsync(parts[1], parts[2]));
            break;
        case "invalidate" when parts.Length == 2:
            await node.InvalidateTenantAsync(parts[1]);
            Console.WriteLine("ok");
            break;
        case "calls":
            Console.WriteLine("calls " + node.Model.Calls);
            break;
        case "quit":
            return 0;
        default:
            Console.WriteLine("error unknown command: " + line);
            break;
    }
}

return 0;
