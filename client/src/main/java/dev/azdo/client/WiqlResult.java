package dev.azdo.client;

import java.util.List;

/**
 * The ids a WIQL query matched.
 *
 * @param ids the work item ids, in the query's order (id order when the query had to be split)
 * @param columns the reference names of the selected columns
 * @param split whether the 20,000 result cap (VS402337) forced splitting into id ranges
 */
public record WiqlResult(List<Integer> ids, List<String> columns, boolean split) {}
