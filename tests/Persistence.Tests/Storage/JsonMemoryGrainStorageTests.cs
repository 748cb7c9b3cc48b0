using Orleans.Storage;

namespace PacificEdge.Persistence.Tests.Storage;

public sealed class JsonMemoryGrainStorageTests : GrainStorageContractTests
{
    protected override IGrainStorage Storage { get; } = new JsonMemoryGrainStorage();
}
