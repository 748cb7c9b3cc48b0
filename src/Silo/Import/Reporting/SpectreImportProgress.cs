using System.Collections.Concurrent;
using Spectre.Console;
using PacificEdge.Silo.Import.Writing;

namespace PacificEdge.Silo.Import.Reporting;

/// <summary>The writer's progress as Spectre.Console progress bars, one per step.</summary>
public sealed class SpectreImportProgress(ProgressContext context) : IImportProgress
{
    private readonly ConcurrentDictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

    public void Start(string step, int total)
    {
        var task = context.AddTask(Markup.Escape(step), maxValue: Math.Max(total, 1));
        if (total == 0)
        {
            task.Value = 1;
        }

        _tasks[step] = task;
    }

    public void Advance(string step)
    {
        if (_tasks.TryGetValue(step, out var task))
        {
            task.Increment(1);
        }
    }
}
