"""An agency facet for Datasette's records table, counted from record_agencies.

`records.agencies` joins a record's codes ("ICE; DHS"), so a plain column facet would count
combinations. This facet counts each code once per record and filters with `?_agency=ICE`
(repeatable: every code given must be named by the record).
"""

from __future__ import annotations

from datasette.database import QueryInterrupted
from datasette.facets import Facet
from datasette.filters import FilterArguments
from datasette.utils import path_with_added_args, path_with_removed_args

PARAM = "_agency"


class AgencyFacet(Facet):
    type = "agency"

    async def suggest(self):
        return []  # declared in the metadata, never suggested

    async def facet_results(self):
        results, timed_out = [], []
        if self.table != "records":
            return results, timed_out
        size = self.get_facet_size()
        for source_and_config in self.get_configs():
            sql = (f"select a.code as value, count(*) as count from record_agencies a"
                   f" where a.record_id in (select id from ({self.sql}))"
                   f" group by a.code order by count(*) desc, a.code limit {size + 1}")
            try:
                rows = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                             custom_time_limit=self.ds.setting("facet_time_limit_ms"))
            except QueryInterrupted:
                timed_out.append("agency")
                continue
            pairs = self.get_querystring_pairs()
            values = []
            for row in rows.rows[:size]:
                selected = (PARAM, row["value"]) in pairs
                path = (path_with_removed_args(self.request, {PARAM: row["value"]}) if selected
                        else path_with_added_args(self.request, {PARAM: row["value"]}))
                values.append({"value": row["value"], "label": row["value"], "count": row["count"],
                               "toggle_url": self.ds.absolute_url(self.request, path), "selected": selected})
            results.append({"name": "agency", "type": self.type, "results": values,
                            "hideable": source_and_config["source"] != "metadata",
                            "toggle_url": self.ds.urls.path(
                                path_with_removed_args(self.request, {"_facet_agency": "agencies"})),
                            "truncated": len(rows) > size})
        return results, timed_out


def agency_filter(request, table: str) -> FilterArguments | None:
    """`?_agency=CODE` on the records table: records that name that agency."""
    codes = request.args.getlist(PARAM) if table == "records" else []
    if not codes:
        return None
    clauses = [f"exists (select 1 from record_agencies a where a.record_id = [records].id"
               f" and a.code = :etrack_agency{i})" for i in range(len(codes))]
    return FilterArguments(clauses, params={f"etrack_agency{i}": c for i, c in enumerate(codes)},
                           human_descriptions=[f'agency is "{c}"' for c in codes])
