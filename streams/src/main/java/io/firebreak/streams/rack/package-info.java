/**
 * One module's battery analysis, as plain functions of a sample and the module's history: the thermal
 * trend and runaway rule, cell voltages against their series neighbours and the chemistry's limit, probe
 * health, and the rack's median for peer comparison. What they find leaves as room signals.
 */
package io.firebreak.streams.rack;
