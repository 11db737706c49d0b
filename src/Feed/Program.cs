using Backscatter.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddBackscatterDatabase();
builder.AddMessageBus();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
