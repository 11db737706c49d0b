using Backscatter.Ingest;
using Backscatter.Ingest.Cli;
using Backscatter.ServiceDefaults;

if (args is ["classify", ..])
{
    return await ClassifyCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddMessageBus(bus => bus.AddIngestConsumers());
builder.AddSmtpIngest();
builder.AddReportClassification();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
return 0;
