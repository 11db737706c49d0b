using Backscatter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddMessageBus(bus => bus.AddListingConsumers());
builder.AddDnsFeed();
builder.AddListingEvaluation();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapZoneExport();
app.MapDelisting();

app.Run();
