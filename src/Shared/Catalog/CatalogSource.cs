using System;
using System.Collections.Generic;

namespace AgentFramework.Catalog;

/// <summary>Where a catalog's data came from.</summary>
internal sealed class CatalogSource
{
    /// <summary>Creates a source record.</summary>
    public CatalogSource(string name, string file, string date, string licence, string origin)
    {
        Name = name;
        File = file;
        Date = date;
        Licence = licence;
        Origin = origin;
    }

    /// <summary>Short name used in evidence records.</summary>
    public string Name { get; }

    /// <summary>The input file the generator read.</summary>
    public string File { get; }

    /// <summary>The date of the data (ISO 8601).</summary>
    public string Date { get; }

    /// <summary>The data's licence.</summary>
    public string Licence { get; }

    /// <summary>Where the data was published.</summary>
    public string Origin { get; }
}
