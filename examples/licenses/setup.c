/*
 * setup.c - reads the device tree and brings up the sensor bus.
 *
 * Copyright 2023 Northwind Instruments Ltd.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

#include <stdio.h>
#include <stdlib.h>

struct bus {
  int id;
  unsigned speed_khz;
};

static int bus_init(struct bus *b, int id) {
  b->id = id;
  b->speed_khz = 400;
  return 0;
}

int main(void) {
  struct bus b;
  if (bus_init(&b, 1) != 0) {
    fprintf(stderr, "setup: bus %d failed\n", b.id);
    return EXIT_FAILURE;
  }
  printf("bus %d up at %u kHz\n", b.id, b.speed_khz);
  return EXIT_SUCCESS;
}
