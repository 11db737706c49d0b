using Backscatter.Domain.Persistence;
using Backscatter.Ingest;
using Backscatter.Ingest.Alerts;
using Backscatter.Ingest.Cli;
using Backscatter.Ingest.Incidents;
using Backscatter.ServiceDefaults;

if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args is ["retry-failed", ..])
{
    // The host's own configuration (appsettings beside the program, environment variables), nothing else of it.
    var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        ContentRootPath = AppContext.BaseDirectory,
        EnvironmentName = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
    }).Configuration;
    return await RetryFailedCommand.RunAsync(args[1..], configuration.GetConnectionString(DatabaseOptions.ConnectionStringName), Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddTenantSecrets();
builder.AddMessageBus(bus =>
{
    bus.AddIngestConsumers();
    bus.AddIncidentConsumers();
    bus.AddAlertConsumers();
});
builder.AddSmtpIngest();
builder.AddReportClassification();
builder.AddIncidentTracking();
builder.AddAlertDelivery();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
return 0;
