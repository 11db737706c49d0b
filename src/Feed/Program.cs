using Backscatter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddMessageBus();
builder.AddDnsFeed();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapZoneExport();

app.Run();
