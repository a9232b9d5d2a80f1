var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
await app.RunAsync();

/// <summary>The API host; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
