// Aircall.CallSync benchmarks and harnesses (see docs/benchmarks.md). Run from the repository root:
//   dotnet run -c Release --project tests/Aircall.CallSync.Benchmarks -- [verb] [options]
// Verbs:
//   (none) or BenchmarkDotNet options   the micro-benchmarks: all of them, or e.g. --filter '*WebhookParse*' --job short
//   sync [--quick]                      batch sync against the simulator on 127.0.0.1, vs the tutorial loop
//   margin [--windows 8]                the rate-limit margin at Aircall's 60-second window: fixed 2% vs measured
//   webhook-load [--quick]              the webhook endpoint under load from a second process
//   store-load [--quick]                the EF Core store vs a naive one: pages and single writes, PostgreSQL and SQLite
//   archive [--quick]                   the recording archiver at 1 MB and 50 MB files vs buffered downloads: files/s, MB/s, memory
//   fleet [--accounts 10,100,1000]      fleet sync: worker processes of the Fleet sample vs the accounts' aggregate floor
//   machine                             the machine's description, as recorded in docs/benchmarks.md
// The verbs sync-child and webhook-client are the second processes the harnesses start; they are not meant to be run by hand.
using Aircall.CallSync.Benchmarks.Fleet;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Benchmarks.Load;
using Aircall.CallSync.Benchmarks.Recordings;
using Aircall.CallSync.Benchmarks.Storage;
using Aircall.CallSync.Benchmarks.Sync;
using BenchmarkDotNet.Running;

var verb = args.Length > 0 ? args[0] : string.Empty;
var rest = args.Length > 0 ? args[1..] : [];
switch (verb)
{
    case "sync":
        return await SyncCommand.RunAsync(rest);
    case "margin":
        return await MarginCommand.RunAsync(rest);
    case "sync-child":
        return await SyncChild.RunAsync(rest);
    case "webhook-load":
        return await WebhookLoadCommand.RunAsync(rest);
    case "webhook-client":
        return await WebhookLoadClient.RunAsync(rest);
    case "store-load":
        return await StoreLoadCommand.RunAsync(rest);
    case "archive":
        return await ArchiveCommand.RunAsync(rest);
    case "fleet":
        return await FleetCommand.RunAsync(rest);
    case "machine":
        Console.WriteLine(MachineInfo.Describe());
        return 0;
    default:
        Console.WriteLine(MachineInfo.Describe());
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(BenchmarkConfig.Arguments(args.Length == 0 ? ["--filter", "*"] : args), BenchmarkConfig.Create());
        return 0;
}
