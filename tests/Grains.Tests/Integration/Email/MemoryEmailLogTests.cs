using PacificEdge.Grains.Integration.Email;

namespace PacificEdge.Grains.Tests.Integration.Email;

public sealed class MemoryEmailLogTests : EmailLogContract
{
    protected override IEmailLog Log { get; } = new MemoryEmailLog();
}
