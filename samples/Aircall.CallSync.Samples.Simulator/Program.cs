// Placeholder: the standalone simulator host is built in the simulator issue.
Console.WriteLine("Aircall simulator: not built yet.");
