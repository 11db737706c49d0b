using System.Globalization;

using Backscatter.Web.Benchmarks;

// scripts/seed-reports.sh and scripts/bench-portal.sh drive these against a running Web host.
return args switch
{
    ["signup", var baseUrl, var pickupDirectory, var organisation, var email, var password] =>
        await PortalClient.SignUpAsync(new Uri(baseUrl), pickupDirectory, organisation, email, password),
    ["measure", var baseUrl, var email, var password, var iterations, var warmup, .. var paths] =>
        await PageTimings.MeasureAsync(new Uri(baseUrl), email, password, Count(iterations), Count(warmup), paths),
    _ => Usage(),
};

static int Count(string value) => int.Parse(value, CultureInfo.InvariantCulture);

static int Usage()
{
    Console.Error.WriteLine("usage: signup <base-url> <pickup-dir> <organisation> <email> <password> | measure <base-url> <email> <password> <iterations> <warmup> <path>...");
    return 2;
}
