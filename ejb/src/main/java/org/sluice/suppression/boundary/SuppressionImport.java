package org.sluice.suppression.boundary;

import java.util.List;

/**
 * What a suppression import did.
 *
 * @param rows     data rows in the file
 * @param added    addresses put on the list
 * @param listed   addresses that were on it already (their entry stays as it was)
 * @param invalid  rows whose address is not one
 * @param rejected the first invalid rows, each with its line and why
 */
public record SuppressionImport(int rows, int added, int listed, int invalid, List<String> rejected) {}
