namespace PacificEdge.Runtime.Tests.TestGrains;

/// <summary>A valid grain interface that no class implements.</summary>
public interface IOrphanGrain : IGrainWithStringKey
{
    Task Ping();
}

/// <summary>A delegate parameter can never cross the boundary.</summary>
public interface IDelegateGrain : IGrainWithStringKey
{
    Task Run(Func<int> callback);
}

/// <summary>Grain methods must be asynchronous.</summary>
public interface ISyncGrain : IGrainWithStringKey
{
    int Get();
}

/// <summary>Overloads are not supported (calls are routed by method name).</summary>
public interface IOverloadGrain : IGrainWithStringKey
{
    Task Do(int value);

    Task Do(string value);
}
