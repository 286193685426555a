/** Interactive queries: each room's level read from the deciders' stores, served over HTTP across instances. */
package io.firebreak.streams.query;
