func.func @broken(%a: tensor<4xf32> -> {
