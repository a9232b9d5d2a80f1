using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Wraps the host's server (Kestrel) so that <see cref="CdsHttpWarmUp"/> runs through the built request
/// pipeline after it exists and before the server starts listening: the first EHR call finds the code compiled.
/// </summary>
internal sealed class CdsWarmUpServer(IServer inner, CdsHttpWarmUp warmUp) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        await warmUp.RunAsync(application, cancellationToken);
        await inner.StartAsync(application, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>
    /// Replaces the registered server with this wrapper around it; without a registered server (yet) nothing
    /// changes. A server registered later (a test host) replaces the wrapper.
    /// </summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IServer) && !d.IsKeyedService);
        if (registered is null)
        {
            return;
        }

        services.AddSingleton<CdsHttpWarmUp>();
        services.AddSingleton<IServer>(provider => new CdsWarmUpServer(Create(provider, registered), provider.GetRequiredService<CdsHttpWarmUp>()));
    }

    private static IServer Create(IServiceProvider provider, ServiceDescriptor registered) =>
        (IServer)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!));
}
