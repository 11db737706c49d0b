using Backscatter.Ingest.Benchmarks;

// Incident tracking against the local PostgreSQL (a fresh database, dropped afterwards):
// dotnet run -c Release --project benchmarks/Backscatter.Ingest.Benchmarks -- [reports] [tenants] [instances]
var reports = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
var tenants = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
var instances = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
await IncidentTrackingRun.RunAsync(reports, tenants, instances);
